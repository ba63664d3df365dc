; Inno Setup 6 script: per-user installer for Oxygen Intake (no administrator rights needed).
;
; Built by installer/build.py, which passes:
;   /DAppVersion=0.1.0            version from pyproject.toml
;   /DSourceDir=...\dist\OxygenIntake   the PyInstaller one-folder build
;   /DIconFile=...\build\icons\oxygen-intake.ico
;   /DOutputDir=...\dist
; and, only when a code-signing certificate is configured (see installer/README.md):
;   /DSIGN=1 "/Soxsign=<signtool command ending in $f>"
; With SIGN the two executables are signed before they are packed, and so are the
; installer and the uninstaller; without it nothing is signed and no signtool is needed.
;
; Installs into %LOCALAPPDATA%\Programs\Oxygen Intake, adds a Start-menu entry and puts the
; app in Explorer's "Open with" list for .pdf, .tif and .tiff, without taking over the
; default program for those files. Cases and settings (in %LOCALAPPDATA%\Oxygen Intake) are
; left in place on uninstall: they are the user's work.

#ifndef AppVersion
  #error Pass /DAppVersion=x.y.z (installer/build.py does)
#endif
#ifndef SourceDir
  #error Pass /DSourceDir=<dist\OxygenIntake> (installer/build.py does)
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

#define AppName "Oxygen Intake"
#define AppExe "OxygenIntake.exe"
#define CliExe "oxygen-intake.exe"
#define ProgId "OxygenIntake.Document"

#ifdef SIGN
  #define SignFlag "sign"
#else
  #define SignFlag ""
#endif

[Setup]
; AppId identifies the app for upgrades and uninstall: never change it.
AppId={{E4DC648D-7632-4E1B-8937-E4A929119A68}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Oxygen Intake contributors
AppComments=Checks home-oxygen paperwork against the coverage criteria. Works offline.
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
; Per user: no UAC prompt; {autopf} is then %LOCALAPPDATA%\Programs.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=OxygenIntake-{#AppVersion}-setup
#ifdef IconFile
SetupIconFile={#IconFile}
#endif
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
ChangesAssociations=yes
CloseApplications=yes
#ifdef SIGN
SignTool=oxsign
SignedUninstaller=yes
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The executables first, so they can be signed; then everything else in the build folder.
Source: "{#SourceDir}\{#AppExe}"; DestDir: "{app}"; Flags: ignoreversion {#SignFlag}
Source: "{#SourceDir}\{#CliExe}"; DestDir: "{app}"; Flags: ignoreversion {#SignFlag}
Source: "{#SourceDir}\*"; DestDir: "{app}"; Excludes: "\{#AppExe},\{#CliExe}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the bundled libraries wholesale, so no stale DLL from an older
; version is ever loaded.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Check home-oxygen paperwork"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; "Open with" for .pdf/.tif/.tiff through a ProgID listed under OpenWithProgids: the app is
; offered, the user's default PDF viewer is not replaced. HKA is HKCU for a per-user install.
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "Document for {#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.pdf\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.tif\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.tiff\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
; The Applications key names the program in "Open with" and limits it to these types.
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".pdf"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".tif"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".tiff"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
