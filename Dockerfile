# One image for every runnable module: the all-in-one app by default; the split deployment in
# docker-compose.yml picks a side with APP_JAR.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -q -B -DskipTests -Dspotless.check.skip=true package

FROM eclipse-temurin:17-jre
# The application runs as an unprivileged user (numeric, so a runtime can check it is not root); /app stays
# root's and read-only to it. Nothing is written but temporary files (/tmp).
RUN groupadd --system --gid 10001 platform \
    && useradd --system --uid 10001 --gid platform --no-create-home --home-dir /nonexistent \
       --shell /usr/sbin/nologin platform
WORKDIR /app
COPY --from=build /src/platform-app/target/platform-app-*.jar /app/platform-app.jar
COPY --from=build /src/command-side/target/command-side-*-exec.jar /app/command-side.jar
COPY --from=build /src/query-side/target/query-side-*-exec.jar /app/query-side.jar
COPY --from=build /src/notification-saga/target/notification-saga-*-exec.jar /app/notification-saga.jar
ENV APP_JAR=platform-app.jar
# One JSON object per line for a log collector (plain text is the default for a person's terminal).
ENV LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs
EXPOSE 8080
USER 10001:10001
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/$APP_JAR"]
