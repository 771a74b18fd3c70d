"""The page's language as a short BCP-47 tag.

Output: Chinese is ``zh-Hans`` or ``zh-Hant`` (``zh`` when neither the page
nor its text tells), because the script is what a reader or a converter of
the record needs; every other language is its primary subtag (``en``,
``de``, ``ja``), because pages declare regions carelessly (``en-US`` on a
British page) and the region rarely changes how a text is processed. Date
parsing reads the day/month order from the page's own tag, not from this.

Fallback order:

1. The page's declaration: the ``lang`` attribute, then the
   content-language meta (the first of a list), then ``og:locale``.
   Malformed values (``x-default``, ``{{lang}}``, ``*``) are skipped.
2. The text overrides the declaration when its script says otherwise,
   because templates carry a ``lang`` that no editor changes: ``zh-CN`` on
   a page written in traditional characters gives ``zh-Hant`` (and the
   reverse); ``en`` on a page written in Chinese, Japanese or Korean gives
   that language; ``zh`` on a page with no CJK text gives what the text
   says, or None.
3. Without a declaration, the text's script: kana -> ``ja``, hangul ->
   ``ko``, mostly Han -> ``zh-Hans`` / ``zh-Hant`` / ``zh``; Cyrillic ->
   ``ru`` only when letters that only Russian uses among Cyrillic alphabets
   (ы э ё) appear and no letters of the others do (і ї є ґ ў ђ ј ә ө...),
   else None; Latin -> ``en`` when English function words are frequent,
   else None: a Latin alphabet alone does not say which language.

Simplified and traditional are told apart by counting frequent characters
that exist in one script only (``TRADITIONAL_ONLY`` / ``SIMPLIFIED_ONLY``);
characters that both scripts use (台 系 于 云 斗 划...) are left out.
Only the first ``SAMPLE_CHARS`` characters of the text are read.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

#: Characters of the text that are read: enough for a clear majority, cheap on long pages.
SAMPLE_CHARS = 2000
#: Fewer letters than this and the text says nothing.
MIN_LETTERS = 20
#: Distinguishing characters needed before the text decides simplified vs traditional.
MIN_VARIANT_EVIDENCE = 5
#: One script's characters must outnumber the other's this many times.
VARIANT_RATIO = 3
#: Share of letters that makes a text CJK, Korean or Cyrillic.
SCRIPT_SHARE = 0.3
#: Share of CJK characters that are kana in Japanese text (Chinese quotes a few).
KANA_SHARE = 0.1
#: Below this share of CJK letters a page declared zh/ja/ko is not written in it.
FOREIGN_SHARE = 0.05
#: Share of English function words among Latin words that marks English.
ENGLISH_SHARE = 0.2

#: Frequent characters used only in traditional writing (simplified writes another).
TRADITIONAL_ONLY = frozenset(
    "們這說國會時來為個與對開關讓經發過還點當後從體實現問題學長門見電東車馬鳥魚龍語讀書聽寫"
    "親愛觀覺麼樣沒頭進動機義業歲區帶無亞種總應條線場辦員廣報導處聯記華衛財錢隊戰軍黨議選權"
    "舉萬統際項據認傳邊頁價術環標設計責務執歷參團飛訪領約習紀級織組網給歡節號階氣產貨買賣億"
    "熱鐵銀醫藥確變難雙聲園圖質調談論須該請護響顯願風歸屬師險職濟協歐韓灣臺於將專話並係兒創"
    "勢結緊續劃證識試講詞貿資購賽軌輕農運達遠鄉鐘間陽隨雲靈順預類顧飯館驗髮鬥鬧魯麥黃齊齒龜"
)
#: Their simplified counterparts that traditional writing does not use.
SIMPLIFIED_ONLY = frozenset(
    "们这说国会时来为个与对开关让经发过还点当后从体实现问题学长门见电东车马鸟鱼龙语读书听写"
    "亲爱观觉么样没头进动机义业岁区带无亚种总应条线场办员广报导处联记华卫财钱队战军党议选权"
    "举万统际项据认传边页价术环标设计责务执历参团飞访领约习纪级织组网给欢节号阶气产货买卖亿"
    "热铁银医药确变难双声园图质调谈论须该请护响显愿风归属师险职济协欧韩湾将专话儿创势结紧续"
    "证识试讲词贸资购赛轨轻农运达远乡钟间阳随灵顺预类顾饭馆验闹鲁麦黄齐齿龟"
)
#: Frequent English function words; other Latin-script languages share few of them.
_ENGLISH_WORDS = (
    "the of and to a in is that for on with as was it by at from he she his her said are were be "
    "has have had this an they not but which will would their its or been who"
)
ENGLISH_WORDS = frozenset(_ENGLISH_WORDS.split())
#: Region subtags that decide the Chinese script.
_HANS_REGIONS = frozenset({"cn", "sg", "my"})
_HANT_REGIONS = frozenset({"tw", "hk", "mo"})
#: Codes pages use that are deprecated or not codes at all.
_ALIASES = {"iw": "he", "in": "id", "ji": "yi", "jp": "ja", "cn": "zh", "kr": "ko", "cmn": "zh"}
#: Not a language: undetermined, multiple, no linguistic content, private use.
_NOT_LANGUAGES = frozenset({"und", "mul", "zxx", "mis"})
_TAG = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{1,8})*")

_LATIN_WORD = re.compile(r"[a-z]+")
_BEYOND_LATIN = re.compile("[\u0400-\U0010ffff]")
#: The scripts whose text overrides a declaration of another language.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Without U+30FB (・), which Chinese uses in transliterated names.
_KANA = "\u3041-\u3096\u30a1-\u30fa"
_HANGUL = "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f"
_RUSSIAN_ONLY = re.compile("[ыэёЫЭЁ]")
_OTHER_CYRILLIC = re.compile("[іїєґўђћџјѓќѕљњәғқңөұүһІЇЄҐЎЂЋЏЈЃЌЅЉЊӘҒҚҢӨҰҮҺ]")


@dataclass(frozen=True, slots=True)
class _Profile:
    """Letter counts of a text sample by script."""

    han: int
    kana: int
    hangul: int
    cyrillic: int
    latin: int
    traditional: int
    simplified: int

    @property
    def letters(self) -> int:
        return self.han + self.kana + self.hangul + self.cyrillic + self.latin

    @property
    def cjk(self) -> int:
        return self.han + self.kana + self.hangul


@dataclass(frozen=True, slots=True)
class _Scripts:
    """One character class per script counted."""

    han: re.Pattern[str]
    kana: re.Pattern[str]
    hangul: re.Pattern[str]
    cyrillic: re.Pattern[str]
    latin: re.Pattern[str]
    traditional: re.Pattern[str]
    simplified: re.Pattern[str]
    #: Any of han, kana and hangul.
    cjk: re.Pattern[str]


@functools.lru_cache(maxsize=1)
def _scripts() -> _Scripts:
    """Built on first use: classes over the CJK blocks take milliseconds to compile."""
    return _Scripts(
        han=re.compile(f"[{_HAN}]"),
        kana=re.compile(f"[{_KANA}]"),
        hangul=re.compile(f"[{_HANGUL}]"),
        cyrillic=re.compile("[\u0400-\u04ff]"),
        latin=re.compile("[A-Za-z\u00c0-\u024f]"),
        traditional=re.compile("[" + "".join(sorted(TRADITIONAL_ONLY)) + "]"),
        simplified=re.compile("[" + "".join(sorted(SIMPLIFIED_ONLY)) + "]"),
        cjk=re.compile(f"[{_HAN}{_KANA}{_HANGUL}]"),
    )


def _count(pattern: re.Pattern[str], sample: str) -> int:
    # subn counts in C without building a list of one-character strings.
    return pattern.subn("", sample)[1]


def _profile(sample: str) -> _Profile:
    s = _scripts()
    # Every script counted besides Latin starts at U+0400: a sample with no
    # character from there on (English with curly quotes, most European
    # text) needs one count, not seven passes over it.
    if sample.isascii() or not _BEYOND_LATIN.search(sample):
        return _Profile(0, 0, 0, 0, _count(s.latin, sample), 0, 0)
    return _Profile(
        han=_count(s.han, sample),
        kana=_count(s.kana, sample),
        hangul=_count(s.hangul, sample),
        cyrillic=_count(s.cyrillic, sample),
        latin=_count(s.latin, sample),
        traditional=_count(s.traditional, sample),
        simplified=_count(s.simplified, sample),
    )


def normalize_tag(value: str | None) -> str | None:
    """``zh-CN`` -> ``zh-Hans``, ``zh_TW`` -> ``zh-Hant``, ``en-US`` -> ``en``; junk -> None.

    A list (``zh-CN, en``) gives its first item; deprecated and mistaken
    codes are mapped (``iw`` -> ``he``, ``jp`` -> ``ja``, ``cn`` -> ``zh``).
    """
    if not value:
        return None
    tag = value.split(",")[0].split(";")[0].strip().replace("_", "-").lower()
    if not _TAG.fullmatch(tag):
        return None
    parts = tag.split("-")
    primary = _ALIASES.get(parts[0], parts[0])
    if primary in _NOT_LANGUAGES:
        return None
    if primary != "zh":
        return primary
    rest = set(parts[1:])
    if "hans" in rest or rest & _HANS_REGIONS:
        return "zh-Hans"
    if "hant" in rest or rest & _HANT_REGIONS:
        return "zh-Hant"
    return "zh"


def _chinese_variant(p: _Profile) -> str | None:
    """``zh-Hans`` / ``zh-Hant`` when one script clearly dominates, else None."""
    if p.traditional + p.simplified < MIN_VARIANT_EVIDENCE:
        return None
    if p.traditional >= VARIANT_RATIO * p.simplified:
        return "zh-Hant"
    if p.simplified >= VARIANT_RATIO * p.traditional:
        return "zh-Hans"
    return None


def _cyrillic_language(sample: str) -> str | None:
    if _RUSSIAN_ONLY.search(sample) and not _OTHER_CYRILLIC.search(sample):
        return "ru"
    return None


def _latin_language(sample: str) -> str | None:
    words = _LATIN_WORD.findall(sample.lower())
    if len(words) < MIN_LETTERS // 2:
        return None
    hits = sum(map(ENGLISH_WORDS.__contains__, words))
    return "en" if hits >= ENGLISH_SHARE * len(words) else None


def _script_language(sample: str, p: _Profile) -> str | None:
    """What the text alone says: a tag, ``zh`` for Chinese of unknown script, or None."""
    letters = p.letters
    if letters < MIN_LETTERS:
        return None
    han_kana = p.han + p.kana
    if han_kana >= SCRIPT_SHARE * letters and p.kana >= max(KANA_SHARE * han_kana, 5):
        return "ja"
    if p.hangul >= SCRIPT_SHARE * letters:
        return "ko"
    if p.han >= SCRIPT_SHARE * letters:
        return _chinese_variant(p) or "zh"
    if p.cyrillic >= SCRIPT_SHARE * letters:
        return _cyrillic_language(sample)
    if p.latin >= SCRIPT_SHARE * letters:
        return _latin_language(sample)
    return None


def _declared(*values: str | None) -> str | None:
    for value in values:
        tag = normalize_tag(value)
        if tag:
            return tag
    return None


def detect_language(
    meta_lang: str | None,
    meta_content_language: str | None,
    og_locale: str | None,
    text: str,
) -> str | None:
    """The page's language, in the fallback order of the module docstring."""
    declared = _declared(meta_lang, meta_content_language, og_locale)
    sample = text[:SAMPLE_CHARS]
    if (
        declared
        and declared.split("-")[0] not in ("zh", "ja", "ko")
        and (sample.isascii() or not _scripts().cjk.search(sample))
    ):
        # Only Japanese, Korean or Chinese text overrides a non-CJK
        # declaration, and text without kana, hangul or Han reads as none of
        # them: the letters need no counting.
        return declared
    profile = _profile(sample)
    seen = _script_language(sample, profile)
    if declared is None:
        return seen
    primary = declared.split("-")[0]
    if primary in ("zh", "ja", "ko"):
        if profile.letters >= MIN_LETTERS and profile.cjk < FOREIGN_SHARE * profile.letters:
            return seen
        if seen == "zh" or seen is None:
            return declared
        return seen
    if seen in ("ja", "ko") or (seen or "").startswith("zh"):
        return seen
    return declared
