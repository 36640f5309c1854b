; Inno Setup 6 script: installs the one-folder bundle dist\capadesk for the current user (no
; administrator rights: local authorities' laptops rarely grant them).
;   iscc /DAppVersion=0.1.0 packaging\windows\capadesk.iss
; run from the repository root after `pyinstaller --noconfirm capadesk.spec` and
; `python packaging\make_icons.py`; the installer lands in dist\installer.
#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z (the value of capadesk.__version__)
#endif
#define Root ".." + "\" + ".."

[Setup]
; The AppId never changes: it is how Windows knows an update from a new application.
AppId={{6C1E2B0A-4F7D-4C59-9E3A-CA9ADE5C0001}
AppName=CapaDesk
AppVersion={#AppVersion}
AppVerName=CapaDesk {#AppVersion}
AppPublisher=CAPACities
DefaultDirName={localappdata}\Programs\CapaDesk
DefaultGroupName=CapaDesk
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir={#Root}\dist\installer
OutputBaseFilename=CapaDesk-{#AppVersion}-installation
SetupIconFile={#Root}\build\icons\capadesk.ico
UninstallDisplayIcon={app}\capadesk.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
VersionInfoVersion={#AppVersion}

[Languages]
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#Root}\dist\capadesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\CapaDesk"; Filename: "{app}\capadesk.exe"
Name: "{autodesktop}\CapaDesk"; Filename: "{app}\capadesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\capadesk.exe"; Description: "{cm:LaunchProgram,CapaDesk}"; Flags: nowait postinstall skipifsilent

; The user's workshops live in %LOCALAPPDATA%\CapaDesk, outside {app}: uninstalling keeps them.
