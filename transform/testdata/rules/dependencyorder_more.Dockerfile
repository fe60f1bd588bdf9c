# option rules=DependencyOrder
FROM node:22 AS yarn
# want DependencyOrder warning: before `yarn` on line 5.*`COPY package.json yarn.lock ./`, `RUN yarn install --frozen-lockfile`
COPY . .
RUN yarn && yarn build

FROM ruby:3.3 AS ruby
# want DependencyOrder warning: before `bundle install` on line 10.*`COPY Gemfile Gemfile.lock ./`
COPY . /app
RUN cd /app && bundle install --jobs 4

FROM maven:3.9 AS java
# want DependencyOrder warning: before `mvn dependency:go-offline` on line 15.*`COPY pom.xml ./`
ADD . /build
RUN mvn -B dependency:go-offline && mvn -B package

FROM rust:1.80 AS rust
# want DependencyOrder warning: before `cargo build` on line 20.*`COPY Cargo.toml Cargo.lock ./`, `RUN cargo fetch`
COPY . .
RUN ["cargo", "build", "--release"]

FROM composer:2 AS php
# want DependencyOrder warning: before `composer install` on line 25
COPY . /app
RUN <<EOT
set -e
composer install --no-dev
EOT

FROM python:3.12 AS poetry
# want DependencyOrder warning: before `poetry install` on line 33.*`RUN poetry install --no-root`
COPY . .
RUN pip install poetry && poetry install

FROM python:3.12 AS pipdir
# want DependencyOrder warning: before `pip install -r requirements/base.txt` on line 38.*`COPY requirements/base.txt ./requirements/`
COPY . .
RUN pip3 install -r requirements/base.txt

FROM mcr.microsoft.com/dotnet/sdk:8.0 AS dotnet
# want DependencyOrder warning: before `dotnet restore` on line 43.*`COPY \*.csproj ./`
COPY . .
RUN dotnet restore

FROM scratch
COPY --from=yarn / /a
COPY --from=ruby / /b
COPY --from=java / /c
COPY --from=rust / /d
COPY --from=php / /e
COPY --from=poetry / /f
COPY --from=pipdir / /g
COPY --from=dotnet / /h
