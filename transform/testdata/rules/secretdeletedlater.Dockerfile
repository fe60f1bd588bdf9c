# option rules=SecretDeletedLater
# option target=final
FROM node:22 AS build
WORKDIR /app
# want SecretDeletedLater warning: COPY of .npmrc adds npm credentials \(.npmrc\), which `rm .npmrc` on line 7 removes too late: the file stays in this instruction's layer \| do not write the file into a layer: use `RUN --mount=type=secret,id=NAME,target=/app/.npmrc`
COPY .npmrc package.json ./
RUN npm ci && rm -f .npmrc

FROM debian:12 AS base
# want SecretDeletedLater error: ADD of secret.txt adds a file whose name says secret, which `rm /root/secret.txt` on line 12
ADD secret.txt /root/secret.txt
RUN echo "Contributed" >> /root/contribution.txt \
    && rm -rf /root/secret.txt
# want SecretDeletedLater error: RUN writing ~/.npmrc adds npm credentials \(.npmrc\), which `rm ~/.npmrc` on line 16
RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > ~/.npmrc
RUN npm ci && rm ~/.npmrc
# want SecretDeletedLater error: COPY of id_rsa adds an SSH private key, which `rm /root/.ssh` on line 22.* \| do not write the file into a layer: use `RUN --mount=type=secret,id=NAME,target=/root/.ssh/id_rsa`
COPY id_rsa /root/.ssh/
# want SecretDeletedLater error: RUN writing /root/.ssh/deploy adds an SSH private key, which `rm /root/.ssh` on line 22
RUN ssh-keyscan github.com >> $HOME/.ssh/known_hosts && ssh-keygen -t ed25519 -f /root/.ssh/deploy -N ''
RUN git clone git@github.com:org/repo.git /src
RUN rm -rf /root/.ssh
# Written and removed in the same RUN: never in a layer.
RUN echo "$TOKEN" > /tmp/.git-credentials && git clone https://x/r.git && rm /tmp/.git-credentials
# A secret that is never removed is SecretFileCopied's finding, not this rule's.
COPY .env /app/.env
WORKDIR /srv
# want SecretDeletedLater error: COPY of config/.pypirc adds PyPI credentials \(.pypirc\), which `rm .pypirc` on line 30
COPY config/.pypirc ./
RUN twine upload dist/* && cd /srv && rm .pypirc
# want SecretDeletedLater error: COPY to /etc/app/credentials.json adds a file whose name says credential, which `rm /etc/app/\*` on line 33
COPY creds.json /etc/app/credentials.json
RUN rm /etc/app/*
COPY cert.pem /etc/app/cert.pem
RUN rm /etc/app/cert.pem

FROM base AS final
# want SecretDeletedLater error: RUN writing /root/.docker/config.json adds Docker registry credentials, which `rm /root/.docker/config.json` on line 40
RUN --mount=type=secret,id=docker cp /run/secrets/docker /root/.docker/config.json
RUN docker pull example.com/img && rm /root/.docker/config.json
COPY --from=build /app/node_modules /app/node_modules
