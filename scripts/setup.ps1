# One command for a fresh Windows 10/11 (64-bit) machine with Python 3.11+ installed:
#   scripts\setup.ps1 demo   start the application on the bundled demo dataset
#   scripts\setup.ps1 test   run the whole test suite
# Idempotent: a second run installs nothing and starts at once.
param([ValidateSet("demo", "test")][string]$Mode = "demo")
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)

$python = if (Get-Command py -ErrorAction SilentlyContinue) { "py" } else { "python" }
if (-not (Test-Path ".venv\Scripts\python.exe")) { & $python -m venv .venv }
$venv = ".venv\Scripts"
$stamp = ".venv\.juesuan-installed"
$want = (Get-FileHash pyproject.toml -Algorithm SHA256).Hash.ToLower()
if (-not (Test-Path $stamp) -or (Get-Content $stamp) -ne $want) {
    & "$venv\python.exe" -m pip install -q --upgrade pip
    & "$venv\python.exe" -m pip install -q -e ".[dev]"
    Set-Content -Path $stamp -Value $want
}

if ($Mode -eq "demo") {
    & "$venv\juesuan.exe" demo
    exit $LASTEXITCODE
}
$env:QT_QPA_PLATFORM = "offscreen"
& "$venv\ruff.exe" check desktop tests bench scripts; if ($LASTEXITCODE) { exit $LASTEXITCODE }
& "$venv\ruff.exe" format --check desktop tests bench scripts; if ($LASTEXITCODE) { exit $LASTEXITCODE }
& "$venv\mypy.exe"; if ($LASTEXITCODE) { exit $LASTEXITCODE }
& "$venv\python.exe" -m pytest -q -p no:cacheprovider
exit $LASTEXITCODE
