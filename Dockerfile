# One image per service, from the executable jar Maven built:
#
#   ./mvnw -B -DskipTests package
#   docker build --build-arg SERVICE=gateway-service -t trading-stack/gateway .
#
# SERVICE is the module: gateway-service, orderbook-service, strategy-service or
# order-manager-service. BASE_IMAGE is any image with a Java 17 runtime, `java` on the PATH,
# bash and useradd (.ci/docker builds one from Debian packages where no registry is reachable).
# The jar is unpacked into Spring Boot's layers, least to most often changed, so that a code
# change rebuilds only the last, small layer (the application and shared-lib, under 1 MB).
ARG BASE_IMAGE=eclipse-temurin:17-jre

FROM ${BASE_IMAGE} AS layers
ARG SERVICE
ARG VERSION=0.1.0-SNAPSHOT
RUN test -n "${SERVICE}" || { echo "build argument SERVICE is required, e.g. --build-arg SERVICE=gateway-service" >&2; exit 1; }
WORKDIR /build
COPY ${SERVICE}/target/${SERVICE}-${VERSION}.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination /layers

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
COPY --from=layers /layers/dependencies/ ./
COPY --from=layers /layers/spring-boot-loader/ ./
COPY --from=layers /layers/snapshot-dependencies/ ./
COPY --from=layers /layers/application/ ./
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
