# option rules=DependencyOrder
FROM node:22 AS web
WORKDIR /app
COPY package*.json ./
RUN npm ci
COPY . .
RUN npm run build && npm ci

FROM python:3.12 AS api
COPY requirements/ ./requirements/
COPY . .
RUN pip install -r requirements/prod.txt

FROM golang:1.23 AS go
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build ./...

FROM rust:1.80 AS rust
COPY Cargo.toml Cargo.lock ./
RUN mkdir src && echo 'fn main() {}' > src/main.rs && cargo build --release
COPY . .
RUN cargo build --release

FROM mcr.microsoft.com/dotnet/sdk:8.0 AS dotnet
COPY App/App.csproj App/
COPY . .
RUN dotnet restore App/App.csproj

FROM node:22 AS tools
COPY . .
RUN npm install -g pnpm && npm install express
RUN pip install . && pip install -e . && yarn build && yarn add lodash
RUN npm run build && go build ./... && mvn -B package

FROM node:22 AS nocopy
RUN npm ci

# the dependencies come from a stage that installed them from the manifests
FROM node:22 AS deps
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile

FROM node:22 AS builder
COPY . .
COPY --from=deps /app/node_modules ./node_modules
RUN yarn build && yarn install --production --prefer-offline

FROM deps AS inherits
COPY . .
RUN yarn install && yarn build

FROM scratch
COPY --from=web /app /web
COPY --from=api / /api
COPY --from=go / /go
COPY --from=rust / /rust
COPY --from=dotnet / /dotnet
COPY --from=tools / /tools
COPY --from=nocopy / /nocopy
COPY --from=builder /app /app
COPY --from=inherits /app /app2
