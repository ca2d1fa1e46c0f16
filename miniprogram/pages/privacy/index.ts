import { PRIVACY_CONTACT } from '../../config/index';

/** The privacy notice: static text, with the operator's contact from config. */
Component<{ contact: typeof PRIVACY_CONTACT }, {}, {}, [], {}, true>({
  data: { contact: PRIVACY_CONTACT },
});
