# option rules=SudoInRun
# option target=final
FROM debian:12 AS base
# want SudoInRun error: RUN calls sudo; a RUN runs as the stage's USER and needs no sudo \| remove `sudo`; if the step needs root, put `USER root` before it
RUN sudo apt-get update
RUN apt-get install -y --no-install-recommends sudo && echo 'app ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/app
RUN command -v sudo && which sudo
RUN echo sudo > /tmp/word
# BuildKit strips the comment line inside the continuation: no sudo runs.
RUN apt-get update && \
# sudo apt-get install -y vim
    apt-get install -y vim
USER root
# want SudoInRun error: RUN calls sudo, but it already runs as root \(USER root\) \| remove `sudo`: the step has root already
RUN apt-get update && sudo -E apt-get install -y vim
USER app
# want SudoInRun error: RUN calls sudo to get root while the stage runs as USER app \| put `USER root` before this RUN, remove `sudo`, and `USER app` after it
RUN (cd /tmp && sudo make install)
# want SudoInRun error: RUN calls sudo to get root while the stage runs as USER app
RUN sh -c 'sudo -u www-data touch /srv/x'
# want SudoInRun error: RUN calls sudo to get root
RUN bash -euo pipefail -c 'sudo apt-get update'
# want SudoInRun error: RUN calls doas to get root
RUN env DEBUG=1 doas apk add curl
# want SudoInRun error: RUN calls sudo
RUN ["sudo", "chown", "app", "/srv"]
# want SudoInRun error: RUN calls sudo
RUN curl -fsSL https://example.com/setup.sh | sudo bash
# want SudoInRun error: RUN calls sudo
RUN <<EOF
set -e
sudo mkdir -p /opt/app
EOF

FROM base AS final
ARG ADMIN=0
USER ${ADMIN}
# want SudoInRun error: RUN calls sudo, but it already runs as root \(USER 0\)
RUN sudo id

FROM debian:12 AS unused
RUN sudo id
