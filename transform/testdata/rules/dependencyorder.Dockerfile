# option rules=DependencyOrder
FROM node:22 AS unused
COPY . .
RUN npm ci

FROM node:22 AS web
WORKDIR /app
# want DependencyOrder warning: COPY \. \. copies the whole context before `npm ci` on line 11 installs the dependencies: every source change invalidates the install layer; not rewritten: the build context could not be read.* \| copy the manifests and install first, then the sources: `COPY package.json package-lock.json ./`, `RUN npm ci`, then `COPY \. \.`
COPY . .
RUN echo ready
RUN npm ci --omit=dev && npm run build

FROM python:3.12 AS api
WORKDIR /srv
# want DependencyOrder warning: COPY \. /srv copies the whole context before `pip install -r requirements.txt` on line 17.*`COPY requirements.txt ./`, `RUN pip install -r requirements.txt`, then `COPY \. /srv`
COPY . /srv
RUN python -m pip install --no-cache-dir -r requirements.txt

FROM golang:1.23 AS go
WORKDIR /src
# want DependencyOrder warning: before `go mod download` on line 23.*`COPY go.mod go.sum ./`, `RUN go mod download`
COPY ./ ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
RUN go build -o /app .

FROM scratch
COPY --from=web /app/dist /web
COPY --from=api /srv /srv
COPY --from=go /app /app
