"""The installer files that cannot run here, read and checked: the Inno Setup script, the Windows
workflow that builds it, the Linux desktop entry and file type. Each check is shown to fail on a
broken variant too."""

from __future__ import annotations

import configparser
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT

INSTALLER = ROOT / "installer"
ISS = INSTALLER / "juesuan.iss"
WORKFLOW = ROOT / ".github" / "workflows" / "windows-installer.yml"
APP_NAME = "决算填报助手"
BOM = b"\xef\xbb\xbf"
FROZEN_CLI = "build/frozen/dist/juesuan/juesuan-cli.exe"
ENTRY_FIELD = re.compile(r'(\w+):\s*("(?:[^"]|"")*"|[^;]*)')


# --- Inno Setup -------------------------------------------------------------------------------


def iss_sections(text: str) -> dict[str, list[str]]:
    """Section name → its lines, without comments and preprocessor lines."""
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith((";", "#")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        else:
            current.append(line)
    return sections


def iss_entry(line: str) -> dict[str, str]:
    """`Name: "a"; Filename: "b"; Flags: x y` → {"Name": "a", "Filename": "b", "Flags": "x y"}."""
    fields = {}
    for key, value in ENTRY_FIELD.findall(line):
        value = value.strip()
        if value.startswith('"'):
            value = value[1:-1].replace('""', '"')
        fields[key] = value
    return fields


def iss_problems(data: bytes) -> list[str]:
    problems = (
        [] if data.startswith(BOM) else ["no UTF-8 byte order mark: Inno Setup would garble the Chinese"]
    )
    sections = iss_sections(data.decode("utf-8-sig"))
    setup = dict(line.split("=", 1) for line in sections.get("Setup", []))
    if setup.get("PrivilegesRequired") != "lowest":
        problems.append("PrivilegesRequired is not lowest: the install would need administrator rights")
    if not setup.get("DefaultDirName", "").startswith("{autopf}\\"):
        problems.append("DefaultDirName is not under {autopf} (the user's programs folder)")
    if setup.get("ChangesAssociations") != "yes":
        problems.append("ChangesAssociations is not yes")
    if not (INSTALLER / setup.get("SetupIconFile", "missing").replace("\\", "/")).is_file():
        problems.append("SetupIconFile does not exist")
    files = [iss_entry(line) for line in sections.get("Files", [])]
    if [f.get("Source") for f in files] != ["..\\build\\frozen\\dist\\juesuan\\*"]:
        problems.append("[Files] does not take the frozen app's folder")
    icons = [iss_entry(line) for line in sections.get("Icons", [])]
    if not any(
        i["Name"] == f"{{group}}\\{APP_NAME}" and i["Filename"] == "{app}\\juesuan.exe" for i in icons
    ):
        problems.append("no Start-menu entry 决算填报助手 for juesuan.exe")
    problems += registry_problems([iss_entry(line) for line in sections.get("Registry", [])])
    for name in ("UninstallDelete", "UninstallRun", "InstallDelete"):
        if any("localappdata" in line.lower() for line in sections.get(name, [])):
            problems.append(f"[{name}] touches the user's data folder")
    return problems


def registry_problems(entries: list[dict[str, str]]) -> list[str]:
    values = {(e["Subkey"], e["ValueName"]): e["ValueData"] for e in entries}
    problems = [f"{e['Subkey']} is not per user (Root: HKA)" for e in entries if e.get("Root") != "HKA"]
    progid = values.get(("Software\\Classes\\.jsd", ""))
    if not progid:
        problems.append(".jsd is not associated")
    elif (
        values.get((f"Software\\Classes\\{progid}\\shell\\open\\command", "")) != '"{app}\\juesuan.exe" "%1"'
    ):
        problems.append(f"{progid} does not open the file with juesuan.exe")
    return problems


def test_the_inno_setup_script_installs_per_user_with_a_chinese_entry_and_the_jsd_association() -> None:
    assert iss_problems(ISS.read_bytes()) == []
    sections = iss_sections(ISS.read_text(encoding="utf-8-sig"))
    assert {"Setup", "Languages", "Files", "Icons", "Registry", "Run"} <= set(sections)
    assert "UninstallDelete" not in sections


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("PrivilegesRequired=lowest", "PrivilegesRequired=admin", "administrator"),
        (
            "[Run]",
            '[UninstallDelete]\nType: filesandordirs; Name: "{localappdata}\\juesuan"\n[Run]',
            "user's data",
        ),
        (
            'Root: HKA; Subkey: "Software\\Classes\\.jsd";',
            'Root: HKLM; Subkey: "Software\\Classes\\.jsd";',
            "per user",
        ),
        ('ValueData: """{app}\\juesuan.exe"" ""%1"""', 'ValueData: "notepad.exe"', "does not open"),
        (f'Name: "{{group}}\\{APP_NAME}"; ', 'Name: "{group}\\Final Accounts Desk"; ', "Start-menu"),
        ("{autopf}\\juesuan", "{localappdata}\\juesuan", "DefaultDirName"),
    ],
)
def test_a_broken_inno_setup_script_is_caught(old: str, new: str, problem: str) -> None:
    text = ISS.read_text(encoding="utf-8-sig")
    assert old in text
    assert any(problem in p for p in iss_problems(BOM + text.replace(old, new).encode("utf-8")))


def test_a_script_without_the_byte_order_mark_is_caught() -> None:
    assert iss_problems(ISS.read_bytes()[len(BOM) :]) == [
        "no UTF-8 byte order mark: Inno Setup would garble the Chinese"
    ]


# --- the Windows workflow ---------------------------------------------------------------------


def workflow_problems(doc: dict[Any, Any]) -> list[str]:
    (job,) = doc["jobs"].values()
    runs = "\n".join(str(step.get("run", "")) for step in job["steps"])
    artifacts = [step["with"]["path"] for step in job["steps"] if "upload-artifact" in step.get("uses", "")]
    setup = dict(line.split("=", 1) for line in iss_sections(ISS.read_text(encoding="utf-8-sig"))["Setup"])
    expected_installer = f"{setup['OutputDir'][3:]}/{setup['OutputBaseFilename'].split('{')[0]}*.exe"
    wanted = {
        "a Windows runner": str(job["runs-on"]).startswith("windows"),
        "the frozen build of installer/juesuan.spec": "pyinstaller" in runs
        and "installer/juesuan.spec" in runs,
        "the smoke test of the frozen console program": f"installer/smoke.sh {FROZEN_CLI}" in runs,
        "the Chinese texts beside the script": "installer/ChineseSimplified.isl" in runs,
        "ISCC on installer\\juesuan.iss": "ISCC.exe" in runs and "installer\\juesuan.iss" in runs,
        "the installed app's smoke test": "Programs/juesuan/juesuan-cli.exe" in runs,
        "the data kept after uninstalling": "unins000.exe" in runs
        and "$env:LOCALAPPDATA\\juesuan\\demo.jsd" in runs,
        "the installer as the artifact": artifacts == [expected_installer],
        "a manual trigger": "workflow_dispatch" in (doc.get("on") or doc.get(True) or {}),
    }
    return [f"missing: {what}" for what, present in wanted.items() if not present]


def test_the_windows_workflow_builds_smoke_tests_installs_and_uninstalls() -> None:
    doc = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert workflow_problems(doc) == []
    messages = iss_entry(iss_sections(ISS.read_text(encoding="utf-8-sig"))["Languages"][0])["MessagesFile"]
    assert messages == "ChineseSimplified.isl"  # the name the workflow downloads to
    assert "juesuan-cli" in (INSTALLER / "juesuan.spec").read_text(encoding="utf-8")


def test_a_workflow_that_skips_the_smoke_test_is_caught() -> None:
    doc = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    (job,) = doc["jobs"].values()
    job["steps"] = [s for s in job["steps"] if "smoke.sh build/frozen" not in str(s.get("run", ""))]
    assert workflow_problems(doc) == ["missing: the smoke test of the frozen console program"]


# --- the Linux desktop entry ------------------------------------------------------------------


def desktop_problems(entry_text: str) -> list[str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read_string(entry_text)
    entry = parser["Desktop Entry"]
    mime = ET.parse(INSTALLER / "linux" / "juesuan-mime.xml").getroot()
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    (mime_type,) = mime.findall("m:mime-type", ns)
    wanted = {
        "the Chinese name": entry.get("Name[zh_CN]") == APP_NAME == entry.get("Name"),
        "a command that opens a file": entry.get("Exec", "").split() == ["juesuan", "%f"],
        "the icon drawn for it": entry.get("Icon") == "juesuan"
        and (ROOT / "resources/icons/juesuan.svg").exists(),
        "the .jsd file type": mime_type.get("type") in entry.get("MimeType", "").split(";")
        and mime_type.find("m:glob", ns).get("pattern") == "*.jsd",
    }
    return [f"missing: {what}" for what, present in wanted.items() if not present]


def test_the_desktop_entry_has_the_chinese_name_icon_and_jsd_type() -> None:
    assert desktop_problems((INSTALLER / "linux" / "juesuan.desktop").read_text(encoding="utf-8")) == []


def test_a_desktop_entry_without_the_file_type_is_caught() -> None:
    text = (INSTALLER / "linux" / "juesuan.desktop").read_text(encoding="utf-8")
    assert desktop_problems(re.sub(r"^MimeType=.*$", "", text, flags=re.M)) == ["missing: the .jsd file type"]
