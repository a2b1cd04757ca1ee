"""System packages: what this platform calls the libraries and fonts the PDF needs."""

from __future__ import annotations

import sys
from pathlib import Path

PANGO = {
    "debian": "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0",
    "fedora": "sudo dnf install pango harfbuzz",
    "macos": "brew install pango",
    "windows": "install Pango with MSYS2 (pacman -S mingw-w64-x86_64-pango), as WeasyPrint's "
               "installation guide describes",
    "other": "install Pango 1.44 or newer and HarfBuzz with your package manager",
}
CJK_FONT = {
    "debian": "sudo apt-get install fonts-wqy-microhei (or fonts-noto-cjk)",
    "fedora": "sudo dnf install google-noto-sans-cjk-fonts (or wqy-microhei-fonts)",
    "macos": "brew install --cask font-noto-sans-cjk-sc (macOS's own PingFang works too)",
    "windows": "Windows ships Microsoft YaHei; add the Chinese language pack if it is missing",
    "other": "install a font with Chinese glyphs, such as Noto Sans CJK or WenQuanYi Micro Hei",
}
HARFBUZZ_SUBSET = {
    "debian": "sudo apt-get install libharfbuzz-subset0",
    "fedora": "sudo dnf install harfbuzz",
    "macos": "brew install harfbuzz",
    "windows": "install HarfBuzz with MSYS2",
    "other": "install HarfBuzz 4.1 or newer",
}


def platform(os_release: Path = Path("/etc/os-release")) -> str:
    """Return the family whose package names apply here: debian, fedora, macos, windows, other."""
    if sys.platform == "darwin":
        return "macos"
    if sys.platform.startswith(("win", "cygwin", "msys")):
        return "windows"
    try:
        text = os_release.read_text(encoding="utf-8", errors="replace").lower()
    except OSError:
        return "other"
    fields = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
    family = " ".join(fields.get(key, "").strip('"') for key in ("id", "id_like")).split()
    if {"debian", "ubuntu"} & set(family):
        return "debian"
    if {"fedora", "rhel", "centos"} & set(family):
        return "fedora"
    return "other"


def hint(table: dict[str, str]) -> str:
    """Return the install instruction of ``table`` for this platform."""
    return table[platform()]
