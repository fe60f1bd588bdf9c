# Base busybox image for the safe-dockerfile test environment.
# Build context (made by hack/env/up): rootfs-amd64/ and rootfs-arm64/ hold
# Debian's busybox-static binary, its applet symlinks, /etc/passwd, /etc/group,
# /tmp (1777) and /root. No RUN: the arm64 variant cannot execute here.
FROM scratch
ARG TARGETARCH
COPY rootfs-${TARGETARCH}/ /
COPY --chown=10001:10001 home-app/ /home/app/
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
CMD ["sh"]
