# option rules=ExposeSSH
FROM alpine:3.19 AS unused
# not reported: the stage is not needed by the target
EXPOSE 22

FROM alpine:3.19
# want ExposeSSH error: EXPOSE 22 exposes the SSH port 22
EXPOSE 22
# want ExposeSSH error: EXPOSE 22/tcp exposes the SSH port 22
EXPOSE 22/tcp
# want ExposeSSH error: EXPOSE 22/udp exposes
EXPOSE 22/udp
# want ExposeSSH error: EXPOSE 22 exposes the SSH port.*docker exec
EXPOSE 8080 22 443
# want ExposeSSH error: EXPOSE 20-25 exposes a port range that includes the SSH port 22
EXPOSE 20-25
# want ExposeSSH error: EXPOSE 22-22/tcp exposes the SSH port 22
EXPOSE 22-22/tcp
ARG SSH_PORT=22
# want ExposeSSH error: EXPOSE \$SSH_PORT \(22\) exposes the SSH port 22
EXPOSE $SSH_PORT
ENV PORTS="80 22"
# want ExposeSSH error: EXPOSE \$\{PORTS\} \(22\)
EXPOSE ${PORTS}
# want ExposeSSH error: EXPOSE 0.0.0.0:2222:22 exposes
EXPOSE 0.0.0.0:2222:22
# not port 22
EXPOSE 2222
EXPOSE 2222/tcp 220 122 8022
EXPOSE 23-80
EXPOSE 1-21/udp
ARG OTHER=2222
EXPOSE $OTHER
expose 80
USER 10001
