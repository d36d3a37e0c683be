# Sourced by the scenario scripts from the repository root: builds the agent jar and the benchmarks
# module (its classes, the Netty jars of the scenarios' class path, JaCoCo's agent) when missing or
# older than the sources, and sets $java to the JDK the children will run on.
jar=reftrack-agent/target/reftrack-agent.jar
stamp=benchmarks/target/scenario-agents/jacocoagent.jar
if [ ! -f "$jar" ] || [ ! -f "$stamp" ] || [ -n "$(find pom.xml reftrack-core/src reftrack-agent/pom.xml \
    reftrack-agent/src benchmarks/pom.xml benchmarks/src -newer "$stamp" -print -quit)" ]; then
  echo "== building $jar and the benchmarks module" >&2
  mvn -B -ntp -q -pl reftrack-agent,benchmarks -am package -DskipTests
  touch "$stamp"
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
