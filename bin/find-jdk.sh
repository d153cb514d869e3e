# Sourced by ./onramp and .ci/run: exports JAVA_HOME pointing at a JDK >= 21.
# Order: $JAVA_HOME, the `java` on PATH, then the usual install folders.
# Fails with a clear message when no JDK 21+ is installed.

onramp_java_major() { # $1 = java binary; prints the feature version (17, 21, 25…)
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

onramp_find_jdk() {
  local candidate major
  for candidate in ${JAVA_HOME:+"$JAVA_HOME"} \
      "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" \
      /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(onramp_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  return 1
}

if ! ONRAMP_JDK=$(onramp_find_jdk); then
  echo "onramp: no JDK 21 or newer found (looked at \$JAVA_HOME, the java on PATH and /usr/lib/jvm)." >&2
  echo "onramp: install one (e.g. 'apt-get install openjdk-21-jdk' or Temurin 21) or point JAVA_HOME at it." >&2
  exit 1
fi
export JAVA_HOME="$ONRAMP_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
