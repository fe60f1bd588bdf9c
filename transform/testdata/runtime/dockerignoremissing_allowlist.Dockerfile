# option rules=DockerIgnoreMissing
# option dockerignore=*
# option dockerignore=!src
# option dockerignore=!go.mod
FROM golang:1.23
COPY . /src/
