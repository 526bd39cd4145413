<#assign subject>${lead.firstName}, cómo lo resolvió un equipo parecido a ${lead.company}</#assign>
Hola ${lead.firstName}:

<#if attempt.afterMissedCall>
Intenté llamarte y no logré hablar contigo, así que te escribo por aquí.

</#if>
Si en ${lead.company} ya tienes claro que quieres medir mejor el retorno de tus campañas, el siguiente paso suele ser comparar enfoques: hacerlo a mano, con el CRM o con una herramienta específica.

Para ayudarte a decidir con datos, te comparto un caso real, «${content.title}»: una empresa de servicios B2B que pasó de informes mensuales en hojas de cálculo a ver cada semana qué campañas generaban oportunidades. Cuenta qué probaron, qué no funcionó y cuánto tiempo les llevó:
${content.url}

Incluye una plantilla de comparación para puntuar cada alternativa según tus propios criterios: coste de implantación, tiempo de tu equipo y calidad de los datos.

No es una propuesta ni lleva precios; es material para que tu equipo lo evalúe a su ritmo.

¿Qué criterio pesa más para ti a la hora de elegir una solución?

--
Un saludo,
${rep.name}
${rep.email}

Si prefieres no recibir más correos, date de baja aquí: ${unsubscribeUrl}
