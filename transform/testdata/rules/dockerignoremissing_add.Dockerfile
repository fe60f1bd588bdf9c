# option rules=DockerIgnoreMissing
FROM alpine:3.19
COPY src/ /app/src/
COPY ["package.json", "./"]
ADD https://example.com/x.tar.gz /tmp/
# want DockerIgnoreMissing warning: ADD copies the whole build context
ADD ./ /app/
