; Inno Setup 6 script of the Windows installer: 决算填报助手 for one user, without administrator rights.
; Built by .github/workflows/windows-installer.yml on a Windows runner:
;   iscc /DAppVersion=0.1.0 installer\juesuan.iss   →  dist\juesuan-setup-0.1.0.exe
; from the frozen app in build\frozen\dist\juesuan (installer\juesuan.spec). The Chinese wizard texts
; are Inno Setup's ChineseSimplified.isl (not shipped with Inno Setup): the workflow puts it beside
; this file. Uninstalling removes the program only; the clerk's data in %LOCALAPPDATA%\juesuan
; (data files, demo, backups) is never named here, so it stays.
; This file is UTF-8 with a byte order mark: Inno Setup reads the Chinese names right only so.
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{6F1C2B0E-5D3A-4C8E-9B7F-2A4D6E8C1B35}
AppName=决算填报助手
AppVersion={#AppVersion}
AppVerName=决算填报助手 {#AppVersion}
AppPublisher=决算填报助手
PrivilegesRequired=lowest
DefaultDirName={autopf}\juesuan
DefaultGroupName=决算填报助手
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
OutputDir=..\dist
OutputBaseFilename=juesuan-setup-{#AppVersion}
SetupIconFile=..\resources\icons\juesuan.ico
UninstallDisplayIcon={app}\juesuan.exe
UninstallDisplayName=决算填报助手
ChangesAssociations=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no

[Languages]
Name: "chinesesimplified"; MessagesFile: "ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\build\frozen\dist\juesuan\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\决算填报助手"; Filename: "{app}\juesuan.exe"
Name: "{group}\决算填报助手（示例数据）"; Filename: "{app}\juesuan.exe"; Parameters: "demo"
Name: "{group}\卸载决算填报助手"; Filename: "{uninstallexe}"
Name: "{autodesktop}\决算填报助手"; Filename: "{app}\juesuan.exe"; Tasks: desktopicon

[Registry]
; .jsd files open in the app (per user: HKA is HKEY_CURRENT_USER without administrator rights)
Root: HKA; Subkey: "Software\Classes\.jsd"; ValueType: string; ValueName: ""; ValueData: "Juesuan.Dataset"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.jsd\OpenWithProgids"; ValueType: string; ValueName: "Juesuan.Dataset"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Juesuan.Dataset"; ValueType: string; ValueName: ""; ValueData: "决算数据文件"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Juesuan.Dataset\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\juesuan.exe,0"
Root: HKA; Subkey: "Software\Classes\Juesuan.Dataset\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\juesuan.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\juesuan.exe\SupportedTypes"; ValueType: string; ValueName: ".jsd"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\juesuan.exe"; Description: "{cm:LaunchProgram,决算填报助手}"; Flags: nowait postinstall skipifsilent
