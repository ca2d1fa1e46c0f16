import { IsIn } from 'class-validator';
import { RequiredText } from '../../common/form-fields';

export class SignContractDto {
  /** A fresh SMS code sent to the resume's phone: the worker's confirmation of intent (意愿确认). */
  @RequiredText(8) verify_code!: string;

  /** 1: the worker read and agrees to the contract. Missing or anything else gets the same one message. */
  @IsIn(['1'], { message: '请阅读并同意合同内容后再签署' }) agree!: string;
}
