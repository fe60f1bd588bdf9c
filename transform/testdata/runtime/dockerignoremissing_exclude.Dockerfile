# option rules=DockerIgnoreMissing
# option dockerignore=.git
FROM alpine:3.19
# the .dockerignore and --exclude together cover both
COPY --exclude=.env . /app/
