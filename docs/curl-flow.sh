#!/usr/bin/env bash
# The whole mini-program flow with curl against a local server started as
#   DEV_EXPOSE_CODES=1 npm start > server.log
# (captcha answers and SMS codes are read from that log). Needs curl, jq and node.
# Usage: bash docs/curl-flow.sh [server.log] [http://localhost:3000]
set -euo pipefail
LOG=${1:-server.log}; API=${2:-http://localhost:3000}; H='X-platform-code: wxmp'
WORK=$(mktemp -d)
KEY=$(curl -s -D - -o /dev/null $API/em_status -H "$H" | grep -i '^x-unique-key' | tr -d '\r' | awk '{print $2}')
echo "unique key: $KEY"
TOKEN=$(curl -s -X POST $API/weixin/login -H "$H" -H "X-unique-key: $KEY" -d code=${WECHAT_CODE:-demo-worker} | jq -r .data.session_token)
echo "token: ${TOKEN:0:8}…"
CID=$(curl -s "$API/captcha?format=json" -H "$H" -H "X-unique-key: $KEY" | jq -r .data.captcha_id)
sleep 0.3
ANSWER=$(grep captcha.issued "$LOG" | grep "$CID" | jq -r .text)
echo "captcha $CID answer $ANSWER"
PHONE=${PHONE:-13912345678}
curl -s -X POST $API/verifycode -H "$H" -H "X-unique-key: $KEY" -H "X-auth-token: $TOKEN" -d phone=$PHONE -d captcha_code=$ANSWER -d captcha_id=$CID; echo
sleep 0.3
CODE=$(grep '"sms.sent"' "$LOG" | tail -1 | jq -r .code)
echo "sms code $CODE"
base64 -d > "$WORK/front.png" <<<'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='
cp "$WORK/front.png" "$WORK/back.png"
FRONT=$(curl -s -X POST $API/image -H "$H" -H "X-unique-key: $KEY" -H "X-auth-token: $TOKEN" -F "file=@$WORK/front.png" | jq -r .data.url)
BACK=$(curl -s -X POST $API/image -H "$H" -H "X-unique-key: $KEY" -H "X-auth-token: $TOKEN" -F "file=@$WORK/back.png" | jq -r .data.url)
echo "front: $FRONT"
ID=$(node -e "const w=[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2];const f='11010119950615001';let s=0;for(let i=0;i<17;i++)s+=w[i]*+f[i];console.log(f+'10X98765432'[s%11])")
AGE=$(node -e "const n=new Date(Date.now()+8*3600e3);let a=n.getUTCFullYear()-1995;if(n.getUTCMonth()+1<6||(n.getUTCMonth()+1==6&&n.getUTCDate()<15))a--;console.log(a)")
curl -s -X POST $API/employee -H "$H" -H "X-unique-key: $KEY" -H "X-auth-token: $TOKEN" \
  -H "X-city: $(printf %s '上海' | jq -sRr @uri)" -H 'X-location: 121.47,31.23' \
  --data-urlencode real_name=王小明 -d phone=$PHONE -d verify_code=$CODE \
  -d id_number=$ID -d age=$AGE -d gender=1 --data-urlencode nation=汉族 \
  -d marital_sts=1 -d political_sts=3 -d acct_type=0 \
  --data-urlencode acct_prc_name=河南省 --data-urlencode addr=张江路88号 \
  --data-urlencode em_contact_name=王大明 -d em_contact_phone=13700000000 --data-urlencode em_contact_relationship=父母 \
  --data-urlencode "id_card_front=$FRONT" --data-urlencode "id_card_back=$BACK" \
  -d company_id=1 --data-urlencode work_pos=普工 -d ad_user_id=1 \
  --data-urlencode 'employee_edu[0][school]=郑州大学' --data-urlencode 'employee_edu[0][major]=机械工程' \
  -d 'employee_edu[0][edu_type]=bachelor' -d 'employee_edu[0][start_date]=2013-09' -d 'employee_edu[0][end_date]=2017-06' \
  --data-urlencode 'work_exp=[{"company_name":"富士康","position":"普工","start_date":"2017-07","end_date":"2020-12"}]'; echo
curl -s $API/em_status -H "$H" -H "X-auth-token: $TOKEN"; echo
curl -s -X PUT $API/employee -H "$H" -H "X-auth-token: $TOKEN" \
  --data-urlencode real_name=王晓明 -d phone=$PHONE -d id_number=$ID -d age=$AGE -d gender=1 --data-urlencode nation=汉族 \
  -d marital_sts=2 -d political_sts=3 -d acct_type=1 \
  --data-urlencode "id_card_front=$FRONT" --data-urlencode "id_card_back=$BACK" \
  -d company_id=2 --data-urlencode work_pos=质检员 -d ad_user_id=2 \
  --data-urlencode 'employee_edu=[{"school":"郑州大学","major":"机械工程","edu_type":"bachelor","start_date":"2013-09","end_date":"2017-06"}]' \
  --data-urlencode 'work_exp=[{"company_name":"富士康","position":"普工","start_date":"2017-07","end_date":"2020-12"}]'; echo
curl -s $API/employee -H "$H" -H "X-auth-token: $TOKEN" | jq -c '.data | {real_name, marital_sts, id_number, company, handler, work_pos, status, employee_edu, id_card_front}'
curl -s $API/em_status -H "$H" -H "X-auth-token: $TOKEN"; echo
