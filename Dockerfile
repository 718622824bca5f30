# One image per service. By default the jar is built here, from the sources, so that a fresh
# clone needs nothing but Docker:
#
#   docker build --build-arg SERVICE=gateway-service -t trading-stack/gateway .
#
# or from the jar Maven already built on the host (CI, or a machine whose builds reach no
# registry):
#
#   ./mvnw -B -DskipTests package
#   docker build --build-arg SERVICE=gateway-service --build-arg JAR_SOURCE=prebuilt -t trading-stack/gateway .
#
# SERVICE is the module: gateway-service, orderbook-service, strategy-service or
# order-manager-service. JAR_SOURCE is `build` (default: Maven in the build stage, which needs
# Maven Central) or `prebuilt` (${SERVICE}/target/${SERVICE}-${VERSION}.jar from the context).
# BUILD_IMAGE is the build stage's image: a JDK 17 with `java` and `javac` on the PATH for
# `build`, any Java 17 for `prebuilt`, which only unpacks the jar. BASE_IMAGE is the runtime's:
# any image with a Java 17 runtime, `java` on the PATH, bash and useradd (.ci/docker builds one
# from Debian packages where no registry is reachable).
#
# Works with BuildKit and with the classic builder (docker-compose 1.29's default), which builds
# every stage before the last: that is why one stage chooses its jar with a shell test instead
# of two stages chosen by name, and why Maven's repository is a cached layer rather than a
# `RUN --mount=type=cache`, which the classic builder refuses. The layer of dependencies is
# rebuilt only when a pom changes, and is the same for the four services.
# The jar is unpacked into Spring Boot's layers, least to most often changed, so that a code
# change rebuilds only the last, small layer of the image (the application and shared-lib, under 1 MB).
ARG BASE_IMAGE=eclipse-temurin:17-jre
ARG BUILD_IMAGE=eclipse-temurin:17-jdk

FROM ${BUILD_IMAGE} AS jar
ARG JAR_SOURCE=build
RUN case "${JAR_SOURCE}" in build|prebuilt) ;; *) echo "build argument JAR_SOURCE=${JAR_SOURCE}: expected build or prebuilt" >&2; exit 1 ;; esac
WORKDIR /build
# The wrapper and every pom of the reactor (Maven needs them all to read the root pom): a module
# added to pom.xml is added here too.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY shared-lib/pom.xml shared-lib/
COPY gateway-service/pom.xml gateway-service/
COPY orderbook-service/pom.xml orderbook-service/
COPY strategy-service/pom.xml strategy-service/
COPY order-manager-service/pom.xml order-manager-service/
COPY benchmarks/pom.xml benchmarks/
COPY system-tests/pom.xml system-tests/
# Maven itself, the plugins and the four services' dependencies, before any source is copied.
# go-offline leaves the reactor's own modules out (excludeReactor); what it cannot foresee (a
# provider a plugin loads when it runs) the package step below fetches.
RUN if [ "${JAR_SOURCE}" = build ]; then \
        ./mvnw -B -q dependency:go-offline \
            -pl shared-lib,gateway-service,orderbook-service,strategy-service,order-manager-service; \
    fi
ARG SERVICE
ARG VERSION=0.1.0-SNAPSHOT
RUN test -n "${SERVICE}" || { echo "build argument SERVICE is required, e.g. --build-arg SERVICE=gateway-service" >&2; exit 1; }
# The sources (build), or the module's target/ with the prebuilt jar (prebuilt); .dockerignore
# lets in both and nothing else.
COPY . .
RUN jar="${SERVICE}/target/${SERVICE}-${VERSION}.jar"; \
    if [ "${JAR_SOURCE}" = build ]; then \
        ./mvnw -B -q -DskipTests package -pl "${SERVICE}" -am; \
    elif [ ! -f "$jar" ]; then \
        echo "JAR_SOURCE=prebuilt: $jar is missing from the build context; build the jars first with" >&2; \
        echo "  ./mvnw -B -DskipTests package" >&2; \
        echo "or build them in the image with JAR_SOURCE=build (needs Maven Central)" >&2; \
        exit 1; \
    fi \
    && java -Djarmode=tools -jar "$jar" extract --layers --launcher --destination /layers

FROM ${BASE_IMAGE}
ARG SERVICE
# A user of its own (uid 10001, clear of the base images' users); /pricebook (the shared price
# book, a tmpfs volume) and /journal (the order manager's journal, a named volume) are its
# own, and a new named volume takes over that ownership.
RUN groupadd --system --gid 10001 trading \
    && useradd --system --uid 10001 --gid trading --home-dir /app --no-create-home --shell /usr/sbin/nologin trading \
    && mkdir -p /app /pricebook /journal \
    && chown trading:trading /pricebook /journal
WORKDIR /app
COPY --from=jar /layers/dependencies/ ./
COPY --from=jar /layers/spring-boot-loader/ ./
COPY --from=jar /layers/snapshot-dependencies/ ./
COPY --from=jar /layers/application/ ./
COPY docker/healthcheck /usr/local/bin/healthcheck

# In a container the ports must listen on every interface (outside one they bind 127.0.0.1);
# which host ports reach them is decided where the container is run. Every other
# key is configured through the environment as well (docs/services.md lists the keys).
ENV TRADING_STACK_SERVICE=${SERVICE} \
    SERVER_ADDRESS=0.0.0.0 \
    TRADING_GATEWAY_FEEDS_BINDADDRESS=0.0.0.0 \
    TRADING_ORDERMANAGER_SERVER_BINDADDRESS=0.0.0.0 \
    TRADING_PRICEBOOK_PATH=/pricebook/pricebook.dat \
    TRADING_ORDERMANAGER_JOURNAL_PATH=/journal/orders.journal \
    JAVA_OPTS=""
USER 10001:10001
HEALTHCHECK --interval=5s --timeout=5s --start-period=60s --retries=3 CMD ["healthcheck"]
# JAVA_OPTS are the JVM's options; arguments after the image name are the application's
# (--key=value).
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS org.springframework.boot.loader.launch.JarLauncher \"$@\"", "java"]
