"""Plausible Tianjin places and fictitious customers for the synthetic grid.

Townships and streets are the real ones of Wuqing District (武清区); the villages and communities in
them, and every customer name, are made up from common characters, so no real person or place is
described.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

DISTRICT = "武清区"
# Real townships (镇) and streets (街道) of Wuqing District.
TOWNSHIPS: tuple[str, ...] = (
    "杨村街道",
    "下朱庄街道",
    "东蒲洼街道",
    "黄庄街道",
    "徐官屯街道",
    "运河西街道",
    "梅厂镇",
    "大碱厂镇",
    "崔黄口镇",
    "大良镇",
    "下伍旗镇",
    "南蔡村镇",
    "大孟庄镇",
    "泗村店镇",
    "河西务镇",
    "城关镇",
    "东马圈镇",
    "黄花店镇",
    "石各庄镇",
    "王庆坨镇",
    "汊沽港镇",
    "河北屯镇",
    "上马台镇",
    "大王古庄镇",
    "陈咀镇",
    "豆张庄镇",
    "曹子里镇",
    "大黄堡镇",
    "高村镇",
    "白古屯镇",
)
# Wuqing's centre; villages scatter around it.
CENTRE_LAT = 39.384
CENTRE_LON = 117.044

_SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程魏苏吕丁任沈姚卢"
_GIVEN = "秀英桂兰玉凤淑珍丽华建国志强明亮海燕春梅国庆文军永红金山振东立新德福宝林瑞丰雪梅红霞俊杰子豪雨欣"
_VILLAGE_PREFIX = ("", "东", "西", "南", "北", "前", "后", "大", "小", "新", "上", "下")
_VILLAGE_SUFFIX = ("庄", "家庄", "屯", "营", "店", "各庄", "堡", "家务", "口", "辛庄")
_COMMUNITY_WORDS = "和平幸福阳光花园景泉翠亨泉州雍阳运河紫薇杨柳南湖北辰振华光明新华康宁富民福源"


@dataclass(frozen=True)
class Villages:
    name: np.ndarray
    township: np.ndarray
    is_community: np.ndarray
    latitude: np.ndarray
    longitude: np.ndarray

    def __len__(self) -> int:
        return len(self.name)


def _village_names(n: int) -> np.ndarray:
    combos = [p + s + suffix + "村" for p in _VILLAGE_PREFIX for s in _SURNAMES for suffix in _VILLAGE_SUFFIX]
    return _numbered(combos, n)


def _community_names(n: int) -> np.ndarray:
    words = [_COMMUNITY_WORDS[i : i + 2] for i in range(0, len(_COMMUNITY_WORDS), 2)]
    combos = [a + b + "社区" for a in words for b in words if a != b]
    return _numbered(combos, n)


def _numbered(combos: list[str], n: int) -> np.ndarray:
    # Past the list's end, names repeat with a number (一村, 二村 style) so they stay unique.
    names = [combos[i % len(combos)] + ("" if i < len(combos) else str(i // len(combos) + 1)) for i in range(n)]
    return np.array(names, dtype=object)


def make_villages(rng: np.random.Generator, n: int) -> Villages:
    """``n`` villages or communities, each in a Wuqing township; streets (街道) hold communities."""
    township_idx = rng.integers(0, len(TOWNSHIPS), n)
    township = np.array(TOWNSHIPS, dtype=object)[township_idx]
    is_community = np.array([t.endswith("街道") for t in township])
    names = np.empty(n, dtype=object)
    village_pool = rng.permutation(_village_names(n))
    community_pool = rng.permutation(_community_names(n))
    names[~is_community] = village_pool[: int((~is_community).sum())]
    names[is_community] = community_pool[: int(is_community.sum())]
    # Communities sit in the town centre; villages spread over the district (about 40 km across).
    spread = np.where(is_community, 0.03, 0.2)
    latitude = np.round(CENTRE_LAT + rng.uniform(-1, 1, n) * spread, 6)
    longitude = np.round(CENTRE_LON + rng.uniform(-1, 1, n) * spread, 6)
    return Villages(names, township, is_community, latitude, longitude)


def customer_names(rng: np.random.Generator, n: int) -> np.ndarray:
    """Fictitious two- or three-character names."""
    surname = np.array(list(_SURNAMES), dtype=object)[rng.integers(0, len(_SURNAMES), n)]
    first = np.array(list(_GIVEN), dtype=object)[rng.integers(0, len(_GIVEN), n)]
    second = np.array(list(_GIVEN) + [""] * 10, dtype=object)[rng.integers(0, len(_GIVEN) + 10, n)]
    return surname + first + second


def meter_numbers(seed: int, n: int) -> np.ndarray:
    """12-digit meter numbers; the seed's last three digits keep runs with different seeds apart.

    They start with 3 so that no reader that guesses column types can lose a leading zero."""
    return np.char.add(f"3{seed % 1000:03d}", np.char.zfill(np.arange(1, n + 1).astype(str), 8))


def account_numbers(seed: int, n: int) -> np.ndarray:
    """11-digit customer account numbers (户号)."""
    return np.char.add(f"7{seed % 1000:03d}", np.char.zfill(np.arange(1, n + 1).astype(str), 7))


def area_codes(seed: int, n: int) -> np.ndarray:
    """Transformer-area codes such as ``TQ042-00017``."""
    return np.char.add(f"TQ{seed % 1000:03d}-", np.char.zfill(np.arange(1, n + 1).astype(str), 5))
