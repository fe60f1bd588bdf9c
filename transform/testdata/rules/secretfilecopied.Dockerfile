# option rules=SecretFileCopied
# option target=final
FROM node:22 AS build
WORKDIR /app
# want SecretFileCopied warning: COPY of .npmrc puts npm credentials \(.npmrc\) into a layer of stage "build", kept in the build cache \| mount it only in the RUN that needs it: `RUN --mount=type=secret
COPY .npmrc package.json package-lock.json ./
# want SecretFileCopied warning: COPY of id_rsa puts an SSH private key into a layer.* \| use `RUN --mount=type=ssh`
COPY id_rsa /root/.ssh/id_rsa
COPY id_rsa.pub /root/.ssh/authorized_keys
RUN npm ci

FROM debian:12 AS final
# want SecretFileCopied error: COPY of .env puts a .env file into the image layer
COPY .env /app/.env
# want SecretFileCopied error: COPY of config/.env.production puts a .env file
COPY config/.env.production /app/
COPY .env.example .env.sample /app/
# want SecretFileCopied error: ADD of certs/server.key puts a private key \(.key\)
ADD certs/server.key /etc/ssl/private/
# want SecretFileCopied error: COPY of tls/privkey.pem puts a private key \(.pem\)
COPY tls/privkey.pem /etc/ssl/private/
COPY tls/fullchain.pem tls/ca.pem tls/cert.pem /etc/ssl/certs/
# want SecretFileCopied error: COPY of creds/.aws/credentials puts AWS credentials
COPY creds/.aws/credentials /root/.aws/credentials
# want SecretFileCopied error: COPY of docker-auth.json to /root/.docker/config.json puts Docker registry credentials
COPY docker-auth.json /root/.docker/config.json
# want SecretFileCopied error: COPY of .ssh/ puts an SSH directory
COPY .ssh/ /root/.ssh/
# want SecretFileCopied error: COPY of kubeconfig puts a kubeconfig
COPY kubeconfig /root/.kube/
# want SecretFileCopied error: COPY of .git-credentials puts git credentials
COPY .git-credentials .netrc /root/
# want SecretFileCopied error: COPY of secrets.yaml puts a file whose name says secret
COPY secrets.yaml /etc/app/
# want SecretFileCopied error: COPY of /app/keystore.p12 puts a PKCS#12 bundle
COPY --from=build /app/keystore.p12 /etc/app/
# Public keys, signing keys, code and templates are fine.
COPY jenkins.io-2026.key /war/jenkins-key.pub
COPY nodesource.gpg.key release.key /etc/apt/keyrings/
COPY secrets.go password_reset.py credentials_test.go /src/
COPY .env.template config.example.env /app/
COPY ssh_host_rsa_key.pub /etc/ssh/
COPY known_hosts /root/.ssh/known_hosts
COPY . .
ADD https://example.com/id_rsa /tmp/download
COPY --from=build /app/dist /app/dist

FROM debian:12 AS unused
COPY id_rsa /root/.ssh/id_rsa
