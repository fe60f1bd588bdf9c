# option rules=DockerIgnoreMissing
FROM golang:1.23 AS unused
COPY . /src

FROM golang:1.23 AS build
WORKDIR /src
COPY go.mod go.sum ./
COPY --from=busybox:1.36 . /rootfs/
# want DockerIgnoreMissing warning: COPY copies the whole build context, which has no .dockerignore: the .git directory and .env files can end up in the layer
COPY . .
# only the first whole-context copy is reported
COPY ./ /again/

FROM scratch
COPY --from=build /src/app /app
