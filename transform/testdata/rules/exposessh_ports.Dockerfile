# option rules=ExposeSSH
# option allowed-port=8080
# option allowed-port=9000-9100
# option allowed-port=53/udp
FROM busybox:1.36
ARG METRICS=7070
EXPOSE 8080 9050 53/udp
# want ExposeSSH error: EXPOSE 443 exposes port 443, which the policy's allowed ports \(8080, 9000-9100, 53/udp\) do not list
EXPOSE 443
# want ExposeSSH error: EXPOSE \$METRICS \(7070\) exposes port 7070
EXPOSE $METRICS
# want ExposeSSH error: EXPOSE 53 exposes port 53
EXPOSE 53
# want ExposeSSH error: EXPOSE 22 exposes the SSH port 22
EXPOSE 22
USER 10001
