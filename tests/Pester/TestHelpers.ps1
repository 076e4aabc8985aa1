# Dot-sourced by every *.Tests.ps1 in BeforeAll: imports the staged module and the local-server helpers.
$script:RepoRoot = Split-Path (Split-Path $PSScriptRoot -Parent) -Parent
Import-Module (Join-Path $script:RepoRoot 'out/ApifyPS/ApifyPS.psd1') -Force
Import-Module (Join-Path $script:RepoRoot 'tests/TestSupport/ApifyEmulator.psm1') -Force
