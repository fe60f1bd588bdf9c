# option rules=DockerIgnoreMissing
# option dockerignore=.git
# option dockerignore=.env*
# option dockerignore=!.env
FROM alpine:3.19
# want DockerIgnoreMissing warning: and .dockerignore does not exclude .env files \| add `\*\*/\.env\*` to
COPY . /app/
