# option rules=DockerIgnoreMissing
# option dockerignore=# comments are skipped
# option dockerignore=/.git/
# option dockerignore=  *.env
FROM alpine:3.19
COPY ./ /app/
