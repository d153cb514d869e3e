# Sourced by ./onramp test: the insights page and Tasklist are tested in a real headless browser (Debian's
# Chromium, driven by Node.js and playwright-core from test-support/browser). Exports ONRAMP_CHROMIUM; installs Chromium from Debian's
# packages when it is missing and we may (root with apt-get); otherwise fails saying what to install.

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "onramp: the browser test needs Node.js and npm (e.g. 'apt-get install nodejs npm')." >&2
  exit 1
fi
ONRAMP_CHROMIUM=${ONRAMP_CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$ONRAMP_CHROMIUM" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "onramp: installing Debian's chromium for the browser test (once; about a minute)"
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }; then
      echo "onramp: could not install chromium with apt-get; install it, or set ONRAMP_CHROMIUM to a Chromium binary." >&2
      exit 1
    fi
    ONRAMP_CHROMIUM=$(command -v chromium)
  else
    echo "onramp: the browser test needs Chromium: 'sudo apt-get install chromium', or set ONRAMP_CHROMIUM to its binary." >&2
    exit 1
  fi
fi
export ONRAMP_CHROMIUM
