# option rules=DockerIgnoreMissing
FROM alpine:3.19 AS unused
COPY . /src

FROM alpine:3.19
COPY src/ /app/src/
COPY ./cmd /app/cmd
COPY --from=busybox:1.36 . /rootfs/
# --exclude covers both
COPY --exclude=.git --exclude=**/.env* . /app/
