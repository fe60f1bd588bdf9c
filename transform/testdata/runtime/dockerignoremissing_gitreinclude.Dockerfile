# option rules=DockerIgnoreMissing
# option dockerignore=.git
# option dockerignore=!.git/HEAD
# option dockerignore=*.env
FROM alpine:3.19
# want DockerIgnoreMissing warning: does not exclude the .git directory \| add `\.git` to \.dockerignore
COPY . /app/
