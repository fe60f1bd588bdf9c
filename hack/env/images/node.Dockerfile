# Node.js from Debian bookworm (Debian's nodejs and npm packages) on the
# local Debian image, for hack/bench/apps/node. apt reaches Debian's mirror
# through buildkitd's host network; local-ca/ holds the host's extra CA
# certificates (see ensure_debian_based in hack/env/up), which Node.js is
# told to trust next to its own.
ARG BASE=127.0.0.1:5000/debian:bookworm
FROM ${BASE}
COPY local-ca/ /usr/local/share/ca-certificates/
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm ca-certificates \
 && apt-get clean \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
CMD ["node"]
