# Sourced by run-app.sh and run-tests.sh: makes sure the .NET SDK from global.json is on PATH.
if ! command -v dotnet >/dev/null 2>&1; then
  if [ -x "$HOME/.dotnet/dotnet" ]; then
    export PATH="$HOME/.dotnet:$PATH"
  else
    echo "The .NET 10 SDK is needed: install it (https://learn.microsoft.com/dotnet/core/install/linux-debian) and run again." >&2
    exit 1
  fi
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
