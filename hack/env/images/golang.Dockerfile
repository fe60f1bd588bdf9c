# Go from Debian bookworm (Debian's golang-go, Go 1.19) on the local Debian
# image, for hack/bench/apps/go. Modules come from the Go module proxy, so
# ca-certificates is needed (with the host's extra CA certificates from
# local-ca/, see ensure_debian_based in hack/env/up) and git is not.
ARG BASE=127.0.0.1:5000/debian:bookworm
FROM ${BASE}
COPY local-ca/ /usr/local/share/ca-certificates/
RUN apt-get update \
 && apt-get install -y --no-install-recommends golang-go ca-certificates \
 && apt-get clean \
 && rm -rf /var/lib/apt/lists/*
CMD ["go", "version"]
