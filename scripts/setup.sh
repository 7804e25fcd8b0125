# Sourced by the other scripts: make .venv with the pinned packages, once per change of the pins.
# Usage: source scripts/setup.sh [test]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
export NO_MKDOCS_2_WARNING=1
if [ ! -x .venv/bin/python ]; then
  echo "== 创建虚拟环境 .venv (creating the virtual environment)"
  "$PYTHON" -m venv .venv
fi
stamp=".venv/.coursekit-installed"
want="$(cat requirements.txt pyproject.toml | sha256sum | cut -c1-16)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "== 安装固定版本的依赖 (installing pinned dependencies)"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check setuptools==84.2.1
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
  echo "$want" > "$stamp"
fi
export PATH="$ROOT/.venv/bin:$PATH"
