# option rules=SecretInEnvOrArg
# want SecretInEnvOrArg error: ARG NPM_TOKEN before the first FROM has a default that holds a literal token \("npm_…", 40 characters\): ARG values are recorded
ARG NPM_TOKEN=npm_q8Zr1mXkP0bT3vY6wL2sN9cH4fJ7dA5eG0uR
ARG BASE_VERSION=1.2.3
FROM debian:12 AS build
# want SecretInEnvOrArg error: ENV DB_PASSWORD holds a literal password \("s3…", 10 characters\): ENV values are stored in the image config.* \| remove it; give the build the secret with `RUN --mount=type=secret,id=DB_PASSWORD,env=DB_PASSWORD
ENV DB_PASSWORD=s3cr3t-pw!
# want SecretInEnvOrArg error: ENV GH_PAT holds a GitHub token \("ghp_…", 40 characters\)
ENV GH_PAT="ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z5A"
# want SecretInEnvOrArg error: ENV AWS_ACCESS_KEY_ID holds an AWS access key id \("AKIA…"
# want SecretInEnvOrArg error: ENV AWS_SECRET_ACCESS_KEY holds a literal secret \("wJal…", 40 characters\)
ENV AWS_ACCESS_KEY_ID=AKIAZ7Q4M2N8P6R3T5V1 \
    AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIK7MDENGbPxRfiCYzq3v8T2kLm9X
# want SecretInEnvOrArg error: ENV DATABASE_URL holds a URL with a password \("post…"
ENV DATABASE_URL=postgres://app:hunter22@db:5432/app
# want SecretInEnvOrArg error: ENV SESSION holds a JSON Web Token \("eyJh…"
ENV SESSION=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk
# want SecretInEnvOrArg error: ENV GITLAB holds a GitLab token
ENV GITLAB glpat-Xy7Zq2Wv9Ts4Rp1Nm8Lk
# want SecretInEnvOrArg error: ENV SLACK_HOOK_DATA holds a Slack token
ENV SLACK_HOOK_DATA=xoxb-1234567890-abcdefghij
# want SecretInEnvOrArg error: ENV TLS_KEY holds a private key
ENV TLS_KEY="-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----"
# want SecretInEnvOrArg error: ARG GITHUB_TOKEN has a default that holds a literal token.* \| remove the default; use `RUN --mount=type=secret,id=GITHUB_TOKEN,env=GITHUB_TOKEN
ARG GITHUB_TOKEN=abcdef0123456789abcdef0123456789
# want SecretInEnvOrArg error: ENV API_KEY holds a literal key
# want SecretInEnvOrArg error: ENV NPM_AUTH holds a literal secret
ENV API_KEY=k8s-goat-cf658c56a501385205cc6d2dafee8fc1 NPM_AUTH=dXNlcjpwYXNz
# want SecretInEnvOrArg error: ENV MYSQL_ROOT_PASSWORD holds a literal password \("…", 3 characters\)
ENV MYSQL_ROOT_PASSWORD=pwd
# Names and values that are not secrets.
ENV PASSWORD_FILE=/run/secrets/db_password SSH_AUTH_SOCK=/tmp/agent.sock
ENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D PUBLIC_KEY=AAAAC3NzaC1lZDI1NTE5AAAAI
ENV TOKEN_URL=https://auth.example.com/token SECRET_VERSION=v2 API_KEY_PATH=./keys/api
ENV MYSQL_ALLOW_EMPTY_PASSWORD=yes MYSQL_RANDOM_ROOT_PASSWORD=1 AUTH_ENABLED=false
ENV DB_PASSWORD_SECRET=db.password.json TOKENIZERS_PARALLELISM=false AUTH_TYPE=oauth
ENV API_TOKEN=$API_TOKEN SECRET_KEY=${SECRET_KEY:-} CLIENT_SECRET=
ENV REPO_URL=https://${GIT_USER}:${GIT_TOKEN}@git.example.com/repo.git
ENV ADMIN_PASSWORD=changeme SECRET_KEY_BASE=placeholder API_KEY=<your-api-key>
ENV NEXT_PUBLIC_API_TOKEN=pk_live_abc POSTGRES_HOST_AUTH_METHOD=trust
ENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE HOMEPAGE=https://example.com/a:b@c
ARG DEPLOY_TOKEN
ARG GITHUB_TOKEN_VERSION=3.1.4

FROM debian:12 AS unused
ENV DB_PASSWORD=s3cr3t-pw!

FROM scratch
COPY --from=build /etc/hostname /hostname
