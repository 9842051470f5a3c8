import { ArrestQueryDto, OutcomeQueryDto, SeizureQueryDto } from './dto/figure-query.dto';
import {
  CorrectArrestDto,
  CorrectOutcomeDto,
  CorrectSeizureDto,
  CreateArrestDto,
  CreateOutcomeDto,
  CreateSeizureDto,
} from './dto/figure-write.dto';
import { figureController } from './figure-controller';

export class SeizuresController extends figureController({
  type: 'seizure',
  aFigure: 'a seizure figure',
  listDescription: 'Seizure figures (items, value, weight, volume seized), each with its source.',
  operationIds: {
    list: 'listSeizures',
    get: 'getSeizure',
    create: 'createSeizure',
    correct: 'correctSeizure',
    delete: 'deleteSeizure',
    revisions: 'listSeizureRevisions',
  },
  queryDto: SeizureQueryDto,
  createDto: CreateSeizureDto,
  correctDto: CorrectSeizureDto,
}) {}

export class ArrestsController extends figureController({
  type: 'arrest',
  aFigure: 'an arrest figure',
  listDescription:
    'Arrest figures (arrests, and persons arrested or placed under investigation), each with its source.',
  operationIds: {
    list: 'listArrests',
    get: 'getArrest',
    create: 'createArrest',
    correct: 'correctArrest',
    delete: 'deleteArrest',
    revisions: 'listArrestRevisions',
  },
  queryDto: ArrestQueryDto,
  createDto: CreateArrestDto,
  correctDto: CorrectArrestDto,
}) {}

export class OutcomesController extends figureController({
  type: 'outcome',
  aFigure: 'an outcome figure',
  listDescription:
    'Other results (websites shut down, packages inspected or seized, investigations, raids, labs, other), each with its source.',
  operationIds: {
    list: 'listOutcomes',
    get: 'getOutcome',
    create: 'createOutcome',
    correct: 'correctOutcome',
    delete: 'deleteOutcome',
    revisions: 'listOutcomeRevisions',
  },
  queryDto: OutcomeQueryDto,
  createDto: CreateOutcomeDto,
  correctDto: CorrectOutcomeDto,
}) {}
