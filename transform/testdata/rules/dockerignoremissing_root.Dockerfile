# option rules=DockerIgnoreMissing
FROM alpine:3.19
COPY /etc/ /etc/
# want DockerIgnoreMissing warning: COPY copies the whole build context
COPY / /app/
