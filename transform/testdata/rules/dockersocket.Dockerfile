# option rules=DockerSocket
FROM alpine:3.19 AS unused
VOLUME /var/run/docker.sock

FROM alpine:3.19
# want DockerSocket error: VOLUME /var/run/docker.sock declares the Docker socket as a volume: whoever
VOLUME /var/run/docker.sock
# want DockerSocket error: VOLUME /run/docker.sock declares
VOLUME ["/data", "/run/docker.sock"]
# want DockerSocket error: VOLUME /var/run//docker.sock declares
VOLUME /data /var/run//docker.sock /logs
ARG SOCK=/var/run/docker.sock
# want DockerSocket error: VOLUME /var/run/docker.sock declares
VOLUME $SOCK
# want DockerSocket error: RUN --mount=type=bind puts the Docker socket /var/run/docker.sock in the build step
RUN --mount=type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock docker ps
# want DockerSocket error: RUN --mount=type=bind puts the Docker socket /run/docker.sock
RUN --mount=type=bind,from=hostrun,source=docker.sock,target=/run/docker.sock docker ps
# want DockerSocket error: RUN --mount=type=ssh puts the Docker socket /var/run/docker.sock
RUN --mount=type=ssh,id=docker,target=/var/run/docker.sock docker ps
# want DockerSocket error: ENV DOCKER_HOST=unix:///var/run/docker.sock makes Docker clients
ENV DOCKER_HOST=unix:///var/run/docker.sock
# want DockerSocket error: ENV DOCKER_HOST=unix:///run/user/1000/docker.sock
ENV A=1 DOCKER_HOST="unix:///run/user/1000/docker.sock"
# not the socket
VOLUME /var/run /data/docker.socket
ENV DOCKER_HOST=tcp://docker:2376
ENV SOCKET_PATH=/var/run/docker.sock
RUN --mount=type=cache,target=/var/run/docker.sock true
RUN --mount=type=bind,source=docker-compose.yml,target=/app/compose.yml true
RUN ls /var/run/docker.sock || true
USER 10001
