// Entry point for the TypeORM CLI (migration:run / revert / generate / --check).
import 'reflect-metadata';
import { config as loadDotenv } from 'dotenv';
import { DataSource } from 'typeorm';
import { validateConfig } from '../../config/src/app-config';
import { buildDataSourceOptions } from './data-source-options';

loadDotenv({ quiet: true });
const config = validateConfig(process.env);

export default new DataSource(buildDataSourceOptions({ url: config.DATABASE_URL, applicationName: 'portal-cli' }));
