# maildrift service image: build the jar first (./mvnw -q package -DskipTests), then docker compose up.
FROM eclipse-temurin:17-jre
RUN useradd --system --home-dir /srv/maildrift maildrift \
 && mkdir -p /srv/maildrift/data \
 && chown maildrift /srv/maildrift/data
WORKDIR /srv/maildrift
COPY target/maildrift.jar /srv/maildrift/maildrift.jar
COPY config-samples /srv/maildrift/config-samples
USER maildrift
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/srv/maildrift/maildrift.jar"]
