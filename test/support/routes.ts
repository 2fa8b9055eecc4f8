import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

type Class = new (...args: never[]) => unknown;

/** A route as the running router has it, with what its handler reads from the request. */
export interface RouteInfo {
  /** `METHOD /url/:param`, global prefix included. */
  key: string;
  method: string;
  url: string;
  /** The DTO classes of `@Body()` and `@Query()`, when the handler declares them. */
  body?: Class;
  query?: Class;
  /** Header names read with `@Headers('name')`. */
  headers: string[];
}

/** Every route of every controller (read from Nest's metadata, checked against Fastify's router). */
export function nestRouteInfos(app: NestFastifyApplication): RouteInfo[] {
  const fastify = app.getHttpAdapter().getInstance();
  const scanner = new MetadataScanner();
  const routes = new Map<string, RouteInfo>();
  for (const wrapper of new DiscoveryService(app.get(ModulesContainer)).getControllers()) {
    const type = wrapper.metatype as Class | undefined;
    if (!type) continue;
    const bases = [Reflect.getMetadata(PATH_METADATA, type) as string | string[]].flat();
    for (const name of scanner.getAllMethodNames(type.prototype as object)) {
      const handler = (type.prototype as Record<string, unknown>)[name] as object;
      const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (paths === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const inputs = handlerInputs(type, name);
      for (const base of bases) {
        for (const path of [paths].flat()) {
          const local = `/${[base, path].map((s) => s.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;
          const url = [`/api${local}`, local].find((u) => fastify.hasRoute({ method: method, url: u }));
          if (!url) throw new Error(`${method} ${local} (${type.name}.${name}) is not in Fastify's router`);
          routes.set(`${method} ${url}`, { key: `${method} ${url}`, method, url, ...inputs });
        }
      }
    }
  }
  return [...routes.values()].sort((a, b) => a.key.localeCompare(b.key));
}

export function nestRoutes(app: NestFastifyApplication): string[] {
  return nestRouteInfos(app).map((route) => route.key);
}

function handlerInputs(type: Class, name: string): Pick<RouteInfo, 'body' | 'query' | 'headers'> {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, type, name) ?? {}) as Record<string, { index: number; data?: unknown }>;
  const types = (Reflect.getMetadata('design:paramtypes', type.prototype as object, name) ?? []) as unknown[];
  const result: Pick<RouteInfo, 'body' | 'query' | 'headers'> = { headers: [] };
  for (const [key, arg] of Object.entries(args)) {
    const paramType = Number(key.split(':')[0]) as RouteParamtypes;
    const dto = types[arg.index];
    const isDto = typeof dto === 'function' && ![Object, String, Number, Boolean].includes(dto as never);
    if (paramType === RouteParamtypes.BODY && isDto) result.body = dto as Class;
    if (paramType === RouteParamtypes.QUERY && isDto) result.query = dto as Class;
    if (paramType === RouteParamtypes.HEADERS && typeof arg.data === 'string') result.headers.push(arg.data);
  }
  return result;
}
