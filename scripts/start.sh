#!/usr/bin/env bash
# The README's run command: restores, builds and starts the web application on http://127.0.0.1:5000, saying what it is
# doing at each step (a first start downloads the NuGet packages, builds, and creates the demo company). Arguments go to
# the application (e.g. --urls http://0.0.0.0:8080). The data is in the repository's data/ folder, the same the
# `kaohe` command uses (KAOHE_DATA_DIR or KAOHE_DB point both elsewhere).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

step() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*"; }
if ! command -v dotnet >/dev/null; then
  echo "找不到 dotnet 命令：请先安装 .NET 10 SDK（https://dotnet.microsoft.com/download）。" >&2
  exit 1
fi

logs=$(mktemp -d "${TMPDIR:-/tmp}/kaohe-start.XXXXXX")
# The build's own output is long and English: it goes to a file, shown only when a step fails.
quietly() {
  local name=$1; shift
  if ! "$@" >"$logs/$name.log" 2>&1; then
    echo "失败：$*" >&2
    grep -E "error|错误" "$logs/$name.log" | sort -u | head -20 >&2 || true
    echo "完整输出：$logs/$name.log" >&2
    exit 1
  fi
}

started=$SECONDS
step "正在还原依赖…（首次需下载 NuGet 包）"
quietly restore dotnet restore src/Kaohe.Web/Kaohe.Web.csproj
step "正在构建…"
quietly build dotnet build src/Kaohe.Web/Kaohe.Web.csproj -c Release --no-restore
rm -rf "$logs"
step "构建完成（$((SECONDS - started)) 秒），正在启动网页端（首次启动会创建演示公司并逐月结账）…"
exec dotnet run --project src/Kaohe.Web -c Release --no-build -- "$@"
