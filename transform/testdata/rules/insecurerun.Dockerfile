# option rules=InsecureRun
FROM alpine:3.19 AS unused
RUN --security=insecure echo not built

FROM alpine:3.19 AS build
# want InsecureRun error: RUN --security=insecure runs the step as a privileged container
RUN --security=insecure mount -t tmpfs none /mnt
# want InsecureRun error: RUN --network=host runs the step in the build host's network
RUN --network=host wget -q http://127.0.0.1:8080/
# want InsecureRun error: --security=insecure
# want InsecureRun error: --network=host
RUN --network=host \
    --security=insecure \
    ["sh", "-c", "echo both"]
RUN --network=none echo isolated
RUN --network=default echo default
RUN --security=sandbox echo sandboxed
RUN echo 'RUN --network=host' in a string is not a flag

FROM scratch
COPY --from=build /etc/hostname /x
