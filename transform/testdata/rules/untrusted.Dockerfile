# option rules=UntrustedRegistry
# option trusted=ghcr.io/acme
# option trusted=127.0.0.1:5000
# option trusted=bitnami
FROM alpine:3.20 AS official
FROM docker.io/library/debian:12 AS official2
FROM ghcr.io/acme/base:1 AS acme
FROM 127.0.0.1:5000/busybox:1.35 AS local
FROM bitnami/nginx:1.27 AS hub
# want UntrustedRegistry error: FROM ghcr.io/evil/base:1 comes from ghcr.io/evil
FROM ghcr.io/evil/base:1 AS evil
# want UntrustedRegistry error: FROM someone/tool:2 comes from docker.io/someone
FROM someone/tool:2 AS hubuser
FROM scratch
COPY --from=official /etc/os-release /a
# want UntrustedRegistry error: COPY --from quay.io/x/y:1 comes from quay.io/x
COPY --from=quay.io/x/y:1 /b /b
COPY --from=evil /c /c
COPY --from=hubuser /d /d
USER 65534
