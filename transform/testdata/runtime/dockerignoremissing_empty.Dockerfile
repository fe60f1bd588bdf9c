# option rules=DockerIgnoreMissing
# option dockerignore=
FROM alpine:3.19
# want DockerIgnoreMissing warning: and .dockerignore does not exclude the .git directory or .env files
COPY . /app/
