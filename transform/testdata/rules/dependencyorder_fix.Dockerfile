# option rules=DependencyOrder
# option context=deps-ok
FROM node:22 AS web
WORKDIR /app
# want DependencyOrder fixed: COPY \. \. copies the whole context before `npm ci` on line 9.* \| moved `COPY \. \.` from line 6 below `npm ci`, to line 9; the install reads package.json, package-lock.json through bind mounts
COPY . .
# production dependencies only
ENV NODE_ENV=production
RUN npm ci --omit=dev
RUN npm run build

FROM python:3.12 AS api
WORKDIR /srv
# want DependencyOrder fixed: before `pip install -r requirements.txt` on line 16.* \| moved `COPY \. /srv` from line 15 below `pip install -r requirements.txt`, to line 16; the install reads requirements.txt
COPY . /srv
RUN python -m pip install --no-cache-dir -r requirements.txt

FROM golang:1.23 AS go
WORKDIR /src
# want DependencyOrder fixed: before `go mod download` on line 22.* \| moved `COPY \./ \./` from line 21 below `go mod download`, to line 23; the install reads go.mod, go.sum
COPY ./ ./
RUN --mount=type=cache,target=/go/pkg/mod \
    go mod download
RUN go build -o /app .

FROM scratch
COPY --from=web /app/dist /web
COPY --from=api /srv /srv
COPY --from=go /app /app
