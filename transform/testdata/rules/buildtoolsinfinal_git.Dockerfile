# option rules=BuildToolsInFinal
FROM alpine:3.20
# want BuildToolsInFinal warning: apk add puts build tools into the shipped image \(stage 0\): git \|
RUN apk add --no-cache git
RUN git clone https://example.com/tool.git /src && make -C /src install
USER 10001
