# option rules=LargeBaseImage
ARG NODE_VERSION=20
# want LargeBaseImage warning: the shipped image is based on node:20, the full node image with its build tooling.*\| use the smaller variant node:20-slim
FROM docker.io/library/node:${NODE_VERSION}
USER node
